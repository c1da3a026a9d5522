package io.iotconsole.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * The embedded PostgreSQL stops when the last application context using it has closed, and not before: the beans
 * of a closing context (the web server finishing its requests, the connection pool) still reach it.
 */
class EmbeddedDatabaseLifecycleTests {

    @Test
    void theDatabaseOutlivesEveryBeanOfTheLastContextAndStopsAfterIt(@TempDir Path dataDir) throws Exception {
        MockEnvironment environment = new MockEnvironment().withProperty("console.data-dir", dataDir.toString());
        SpringApplication application = new SpringApplication();
        new EmbeddedDatabaseEnvironment().postProcessEnvironment(environment, application);
        EmbeddedDatabaseEnvironment.awaitStarted();
        String url = environment.getProperty("spring.datasource.url");
        List<String> heard = new ArrayList<>();
        try {
            GenericApplicationContext first = context(application, url, "first", heard);
            GenericApplicationContext second = context(application, url, "second", heard);

            first.close();
            assertThat(heard).containsExactly("first reached the database while closing");
            assertThat(answers(url))
                    .as("another context still holds the server")
                    .isTrue();

            second.close();
            assertThat(heard)
                    .containsExactly(
                            "first reached the database while closing", "second reached the database while closing");
            assertThatThrownBy(() -> answers(url))
                    .as("the last context closed: the server stopped")
                    .isInstanceOf(SQLException.class);
        } finally {
            EmbeddedDatabaseEnvironment.stop(dataDir.toAbsolutePath().normalize());
        }
    }

    /** A context as the console's: built with the application's initializers, with a bean using the database. */
    @SuppressWarnings("unchecked")
    private static GenericApplicationContext context(
            SpringApplication application, String url, String name, List<String> heard) {
        GenericApplicationContext context = new GenericApplicationContext();
        for (ApplicationContextInitializer<?> initializer : application.getInitializers()) {
            ((ApplicationContextInitializer<ConfigurableApplicationContext>) initializer).initialize(context);
        }
        context.registerBean(name, DisposableBean.class, () -> () -> {
            if (answers(url)) {
                heard.add(name + " reached the database while closing");
            }
        });
        context.refresh();
        return context;
    }

    private static boolean answers(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            return c.createStatement().executeQuery("SELECT 1").next();
        }
    }
}
