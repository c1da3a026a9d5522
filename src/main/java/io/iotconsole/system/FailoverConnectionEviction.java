package io.iotconsole.system;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool to drop a connection that found itself on a server that is no longer the primary
 * (SQLState 25006, read-only transaction): after a failover such a connection would fail every write it is lent
 * for. Broken connections (class 08) and server shut-downs (57P01 to 57P03) the pool already drops by itself.
 * Named by {@code spring.datasource.hikari.exception-override-class-name}.
 */
public class FailoverConnectionEviction implements SQLExceptionOverride {
    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return "25006".equals(e.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
