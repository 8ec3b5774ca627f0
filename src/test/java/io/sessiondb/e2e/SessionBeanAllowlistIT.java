package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.example.librarybean.LibraryCart;
import org.example.shop.Basket;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * An application whose {@code @SessionScoped} bean comes from a library JAR the deserialization allowlist
 * does not name stops at deployment, naming the class and the key to set, instead of losing the bean's state
 * at the next restart with a warning only. (Its own {@code @SessionScoped} beans need no setting:
 * LibraryApplicationIT's shop names none.)
 */
class SessionBeanAllowlistIT {

    @Test
    void aSessionBeanOfALibraryTheAllowlistRefusesStopsTheDeploymentNamingTheKey() {
        try (PayaraMicroServer server = PayaraMicroServer.named("SessionBeanAllowlistIT")
                .deploying(warWithALibrarysSessionBean(), ShopApplication.READY_PATH)
                .startWithoutWaitingForTheApplication()) {

            String log = awaitDeploymentFailure(server);
            assertThat(log)
                    .contains("Exception while loading the app")
                    .contains("would refuse to read back " + LibraryCart.class.getName() + " from ")
                    .contains("session-beans-library.jar")
                    .contains("sessiondb.deserialization.allow")
                    .doesNotContain("read back " + Basket.class.getName());
            assertThat(server.visitor().get(ShopApplication.READY_PATH).status())
                    .as("the application is not deployed")
                    .isEqualTo(404);
        }
    }

    private static String awaitDeploymentFailure(PayaraMicroServer server) {
        for (int i = 0; i < 120 && !server.log().contains("Exception while loading the app"); i++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return server.log();
    }

    /** The shop's own classes with a library JAR, a bean archive, holding a session-scoped bean. */
    private static Path warWithALibrarysSessionBean() {
        JavaArchive library = ShrinkWrap.create(JavaArchive.class, "session-beans-library.jar")
                .addClass(LibraryCart.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        WebArchive war = BuildOutput.withTheLibrary(ShrinkWrap.create(WebArchive.class, "library-bean.war")
                        .addClass(Basket.class)
                        .addAsWebResource("shop-app/index.html", "index.html"))
                .addAsLibrary(library);
        File file = BuildOutput.besideTheWar("library-bean.war").toFile();
        war.as(ZipExporter.class).exportTo(file, true);
        return file.toPath();
    }
}
