package io.sessiondb.e2e;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import org.example.shop.Basket;
import org.example.shop.signin.ShopUsers;
import org.example.shop.signin.custom.SignInMechanism;
import org.example.shop.signin.customform.CustomFormSignIn;
import org.example.shop.signin.form.FormSignIn;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The shop ({@code org.example.shop}), packaged as its developers would after adding SessionDB: their
 * classes, web.xml, persistence unit and configuration, with the SessionDB library and its dependencies
 * in WEB-INF/lib, as Maven puts them there for a dependency on the library. Built with or without a
 * Jakarta Security sign-in ({@link ShopSignIn}).
 */
public final class ShopApplication {

    /** Serves 200 once the shop is deployed, without touching a session. */
    public static final String READY_PATH = "/index.html";

    private ShopApplication() {}

    /** Builds the shop's WAR without a sign-in from the library JAR this build made; returns where it was written. */
    static Path war() {
        return war(null);
    }

    /**
     * Builds the shop's WAR from the library JAR this build made, its users signing in {@code signIn}'s way
     * (null: nobody signs in); returns where it was written.
     */
    public static Path war(ShopSignIn signIn) {
        WebArchive war = BuildOutput.withTheLibrary(ShrinkWrap.create(WebArchive.class, "shop.war")
                .addPackage(Basket.class.getPackage())
                .addAsResource("shop-app/persistence.xml", "META-INF/persistence.xml")
                .addAsResource("shop-app/microprofile-config.properties", "META-INF/microprofile-config.properties")
                .addAsWebInfResource("shop-app/web.xml", "web.xml")
                .addAsWebResource("shop-app/index.html", "index.html"));
        if (signIn != null) {
            war.addPackage(ShopUsers.class.getPackage());
        }
        if (signIn == ShopSignIn.FORM) {
            war.addPackage(FormSignIn.class.getPackage())
                    .addAsWebResource("shop-app/form-sign-in/login.html", "login.html")
                    .addAsWebResource("shop-app/form-sign-in/login-error.html", "login-error.html");
        }
        if (signIn == ShopSignIn.CUSTOM_FORM) {
            war.addPackage(CustomFormSignIn.class.getPackage());
        }
        if (signIn == ShopSignIn.CUSTOM_MECHANISM) {
            war.addPackage(SignInMechanism.class.getPackage());
        }
        String name = signIn == null ? "shop.war" : "shop-" + signIn.name().toLowerCase(Locale.ROOT) + ".war";
        File file = BuildOutput.besideTheWar(name).toFile();
        war.as(ZipExporter.class).exportTo(file, true);
        return file.toPath();
    }
}
