package io.iotconsole.system;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/** Holds back the first use of the datasource until the embedded PostgreSQL (if any) accepts connections. */
@Component
class EmbeddedDatabaseReadiness implements BeanPostProcessor {
    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource) {
            EmbeddedDatabaseEnvironment.awaitStarted();
        }
        return bean;
    }
}
