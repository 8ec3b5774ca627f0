package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplicationClassesPathTest {

    @ParameterizedTest
    @CsvSource({
        "/srv/payara/applications/shop/WEB-INF/classes/, true",
        "/srv/payara/applications/shop/WEB-INF/classes/org/example/shop/Basket.class, true",
        "/srv/payara/applications/shop/WEB-INF/classes/org/example/shop/Other.class, false",
        "/srv/payara/applications/shop/WEB-INF/lib/org/example/shop/Basket.class, false",
        "/content/shop.war/WEB-INF/classes, true",
        "/srv/shop.war!/WEB-INF/classes!/, true",
        "/srv/payara/applications/shop/WEB-INF/lib/gadgets.jar, false",
        "/srv/payara/applications/shop/WEB-INF/classes-old/, false",
        "/srv/payara/applications/shop/WEB-INF/lib/WEB-INF/classes.jar, false",
        "/srv/payara/modules/weld-osgi-bundle.jar, false"
    })
    void onlyAWebApplicationsClassesDirectoryIsTheApplicationsOwn(String path, boolean own) {
        assertThat(ApplicationClasses.isInClassesDirectory(path, "org.example.shop.Basket"))
                .isEqualTo(own);
    }
}
