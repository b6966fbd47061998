package bg.nrm.service.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements kept from one use of a connection to the next (SQLite only).
 *
 * <p>A screening runs the same handful of INSERTs every time, and sqlite-jdbc compiles each statement anew when it
 * is prepared: at saturation about a tenth of the writer's time went into compiling them. The same holds for the
 * reads beside it: every request with a bearer token looks its token up, and compiling that join was half of the
 * lookup. A connection is handed out wrapped so that {@code prepareStatement(sql)} returns the statement compiled the
 * first time, and closing it closes the result set it last gave (so that SQLite ends the read and a checkpoint is
 * not held back) and clears its parameters. At most {@value #MAX_STATEMENTS} statements are kept per connection;
 * past that a statement is prepared and closed as usual.
 *
 * <p>A cache belongs to one physical connection: when the pool replaces it, the cache starts again. One thread at a
 * time uses it (the group committer, or the request that has borrowed the connection from its pool; the pool's
 * hand-over orders one borrower's writes before the next one's reads), so it needs no locking. PostgreSQL keeps its
 * own cache of prepared statements per connection on the server, so it is not used there.
 */
final class StatementCache {
    static final int MAX_STATEMENTS = 256;

    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection physical;

    /** {@code pooled}, with its prepared statements cached; everything else goes straight to it. */
    Connection wrap(Connection pooled) throws SQLException {
        Connection current = pooled.unwrap(Connection.class);
        if (current != physical) {
            closeAll();
            physical = current;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(pooled));
    }

    /** Statements compiled so far for the current connection (tests). */
    int size() {
        return statements.size();
    }

    private void closeAll() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // Its connection is gone already: nothing left to free.
            }
        }
        statements.clear();
    }

    private PreparedStatement cached(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            if (ps == null && statements.size() >= MAX_STATEMENTS) {
                return physical.prepareStatement(sql);
            }
            ps = physical.prepareStatement(sql);
            statements.put(sql, ps);
        }
        PreparedStatement statement = ps;
        ResultSet[] last = new ResultSet[1];
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        if (last[0] != null) {
                            last[0].close();
                        }
                        statement.clearParameters();
                        return null;
                    }
                    Object result = invoke(statement, method, args);
                    if (result instanceof ResultSet rs) {
                        last[0] = rs;
                    }
                    return result;
                });
    }

    private final class Handler implements InvocationHandler {
        private final Connection pooled;

        Handler(Connection pooled) {
            this.pooled = pooled;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("prepareStatement") && method.getParameterCount() == 1) {
                return cached((String) args[0]);
            }
            return StatementCache.invoke(pooled, method, args);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
