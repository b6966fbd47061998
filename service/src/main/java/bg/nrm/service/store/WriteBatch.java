package bg.nrm.service.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The writes of one group-commit batch, recorded while its items run and sent together at the end.
 *
 * <p>Each item runs against {@link #connection()}. An {@code INSERT} prepared there (one without {@code RETURNING})
 * is not sent: its parameters are recorded and {@code executeUpdate} returns 1 at once, whether or not the row will
 * be written. So inside a group commit the count of a conditional insert ({@code ON CONFLICT DO NOTHING},
 * {@code INSERT … SELECT … WHERE}) says nothing: where the count matters, ask first with a query, or use
 * {@code RETURNING}, which is sent at once. Steps given with {@link Database#deferToBatch} (the audit
 * chain) are recorded the same way. {@link #flush()} then sends each kind of write once: every row of one INSERT as
 * one JDBC batch, every value of one step in one call, so a batch of many screenings costs a fixed number of round
 * trips instead of a few per screening. Kinds run in an order that keeps each item's own order (a kind first used by
 * an item comes after the kinds that item used before it), so a row can refer to a row its item wrote earlier with
 * another statement. Anything else done on the connection (a query, an UPDATE) first sends what is recorded, so it
 * sees the item's writes. A failing write fails the flush, and so the batch, which {@link GroupCommit} then rolls back
 * and runs item by item, as it did when each statement was sent on its own.
 *
 * <p>Used by the writer thread alone.
 */
final class WriteBatch {
    private sealed interface Kind permits Insert, Step {
    }

    // One recorded INSERT: its rows, each the setter calls made on it.
    private record Insert(String sql, List<List<Call>> rows) implements Kind {
    }

    private record Step(Database.BatchStep<Object> step, List<Object> values) implements Kind {
    }

    private record Call(Method method, Object[] args) {
    }

    private final Connection target;
    private final List<Kind> order = new ArrayList<>();
    // The kinds the current item has used: a kind it uses first goes after all of them.
    private final List<Kind> itemKinds = new ArrayList<>();
    private final Connection proxy;
    private long roundTrips;

    WriteBatch(Connection target) {
        this.target = target;
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ItemConnection());
    }

    /** What an item runs against. */
    Connection connection() {
        return proxy;
    }

    /** Marks the start of the next item (its kinds are tracked for ordering). */
    void nextItem() {
        itemKinds.clear();
    }

    /** Statements sent to the database so far (each JDBC batch, each other statement, each commit counted once). */
    long roundTrips() {
        return roundTrips;
    }

    void countCommit() {
        roundTrips++;
    }

    /** Whether {@code c} is an item's connection of a write batch: then {@code value} is recorded for {@code step}. */
    @SuppressWarnings("unchecked")
    static <V> boolean defer(Connection c, Database.BatchStep<V> step, V value) {
        if (c != null && Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof ItemConnection h) {
            Step kind = (Step) h.batch().kind(step, () -> new Step((Database.BatchStep<Object>) step, new ArrayList<>()));
            kind.values().add(value);
            return true;
        }
        return false;
    }

    private Kind kind(Object key, java.util.function.Supplier<Kind> create) {
        Kind found = null;
        for (Kind k : order) {
            if (key.equals(k instanceof Insert i ? i.sql() : ((Step) k).step())) {
                found = k;
                break;
            }
        }
        if (found == null) {
            found = create.get();
            int after = -1;
            for (Kind used : itemKinds) {
                after = Math.max(after, order.indexOf(used));
            }
            order.add(after + 1, found);
        }
        if (!itemKinds.contains(found)) {
            itemKinds.add(found);
        }
        return found;
    }

    /** Sends everything recorded, kind by kind; a failure leaves the transaction for the caller to roll back. */
    void flush() throws SQLException {
        try {
            for (Kind k : order) {
                if (k instanceof Insert insert) {
                    send(insert);
                } else {
                    Step step = (Step) k;
                    step.step().run(counting(target, false), step.values());
                }
            }
        } finally {
            order.clear();
            itemKinds.clear();
        }
    }

    private void send(Insert insert) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(insert.sql())) {
            try {
                for (List<Call> row : insert.rows()) {
                    for (Call call : row) {
                        invoke(ps, call.method(), call.args());
                    }
                    ps.addBatch();
                }
                roundTrips++;
                ps.executeBatch();
            } finally {
                ps.clearBatch();
            }
        } catch (SQLException e) {
            throw e;
        } catch (Throwable e) {
            throw new SQLException("recorded write could not be sent", e);
        }
    }

    private static boolean deferrable(String sql) {
        String s = sql.stripLeading();
        return s.regionMatches(true, 0, "INSERT", 0, 6) && !s.toUpperCase(Locale.ROOT).contains("RETURNING");
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // A connection whose statements count their executions and, when flushFirst, send what is recorded before.
    private Connection counting(Connection c, boolean flushFirst) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (p, method, args) -> {
                    Object r = invoke(c, method, args);
                    return r instanceof Statement s ? counted(s, flushFirst) : r;
                });
    }

    private Statement counted(Statement s, boolean flushFirst) {
        Class<?> type = s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        if (flushFirst) {
                            flush();
                        }
                        roundTrips++;
                    }
                    return invoke(s, method, args);
                });
    }

    private final class ItemConnection implements InvocationHandler {
        WriteBatch batch() {
            return WriteBatch.this;
        }

        @Override
        public Object invoke(Object p, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("prepareStatement") && method.getParameterCount() == 1
                    && deferrable((String) args[0])) {
                return recorder((String) args[0]);
            }
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return WriteBatch.invoke(target, method, args);
            }
            // Anything else on the connection sees the writes recorded so far.
            flush();
            Object r = WriteBatch.invoke(target, method, args);
            return r instanceof Statement s ? counted(s, true) : r;
        }
    }

    // A prepared INSERT that records its parameters instead of sending them.
    private PreparedStatement recorder(String sql) {
        List<Call> current = new ArrayList<>();
        boolean[] closed = {false};
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                        current.add(new Call(method, args.clone()));
                        return null;
                    }
                    switch (name) {
                        case "executeUpdate", "execute", "executeLargeUpdate" -> {
                            if (args != null && args.length > 0) {
                                break;
                            }
                            Insert insert = (Insert) kind(sql, () -> new Insert(sql, new ArrayList<>()));
                            insert.rows().add(List.copyOf(current));
                            current.clear();
                            return switch (name) {
                                case "execute" -> false;
                                case "executeLargeUpdate" -> 1L;
                                default -> 1;
                            };
                        }
                        case "toString" -> {
                            return "recorded " + sql;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(p);
                        }
                        case "equals" -> {
                            return p == args[0];
                        }
                        case "clearParameters" -> {
                            current.clear();
                            return null;
                        }
                        case "close" -> {
                            closed[0] = true;
                            return null;
                        }
                        case "isClosed" -> {
                            return closed[0];
                        }
                        case "getConnection" -> {
                            return proxy;
                        }
                        default -> {
                        }
                    }
                    throw new SQLFeatureNotSupportedException("a recorded INSERT cannot " + name
                            + Arrays.toString(method.getParameterTypes()));
                });
    }
}
