package com.fieldops.query.rebuild;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The schema a rebuild writes into: empty copies of live read-model tables under the same names, so the projections'
 * unqualified SQL writes them when the transaction's search_path puts this schema first. A copy is made complete
 * (constraints and indexes under their live names, storage options, row-level security, its policies and grants), so
 * that moving it into {@code public} in place of the live table changes nothing but the rows: a later migration that
 * names an index, and the RLS that confines readers, keep working after a swap.
 */
@Component
public class ShadowSchema {

    static final String NAME = "fieldops_rebuild";
    private static final String LIVE = "public";

    private static final String CLAIM_KEY = "hashtextextended('fieldops:projection-rebuild-schema', 0)";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ShadowSchema(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The right to use the shadow schema, held until closed. */
    public interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Claims the schema across all query-side instances: a session-level advisory lock on a connection of its own,
     * held for the rebuild's duration (its transactions come and go), released by {@link Claim#close()} or, should
     * the process die, by the connection's end.
     *
     * @throws IllegalStateException when another rebuild holds it
     */
    Claim claim() {
        try {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement();
                 ResultSet locked = statement.executeQuery("select pg_try_advisory_lock(" + CLAIM_KEY + ")")) {
                locked.next();
                if (!locked.getBoolean(1)) {
                    connection.close();
                    throw new IllegalStateException("a rebuild is running on another query-side instance");
                }
            }
            return () -> {
                // the pool keeps the physical connection, and a session lock with it: unlock before returning it
                try (connection; Statement statement = connection.createStatement()) {
                    statement.execute("select pg_advisory_unlock(" + CLAIM_KEY + ")");
                } catch (SQLException broken) {
                    // a broken connection has lost its session, and its lock with it
                }
            };
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot claim the rebuild schema", failure);
        }
    }

    /** Drops what a failed rebuild may have left and creates empty copies with their keys, policies and grants. */
    void create(Collection<String> tables) {
        drop();
        jdbc.sql("create schema " + NAME).update();
        for (String table : tables) {
            // indexes come separately: LIKE would name them after the columns, not as the migrations did
            jdbc.sql("create table " + shadow(table) + " (like " + live(table) + " including all excluding indexes)")
                    .update();
            // keys (and unique constraints) now, since the projections' upserts need them
            jdbc.sql("""
                            select format('alter table %s add constraint %I %s', :shadow, conname,
                                          pg_get_constraintdef(oid))
                            from pg_constraint where conrelid = cast(:live as regclass) and contype in ('p', 'u', 'x')""")
                    .param("shadow", shadow(table)).param("live", live(table))
                    .query(String.class).list()
                    .forEach(this::execute);
            copySecurityAndStorage(table);
        }
    }

    /**
     * The secondary indexes, created after the bulk of the rows is in: one sort per index instead of an index update
     * per row. Then fresh planner statistics, so the first reads after the swap are planned well.
     */
    void index(Collection<String> tables) {
        for (String table : tables) {
            List<String> definitions = jdbc.sql("""
                            select pg_get_indexdef(i.indexrelid) from pg_index i
                            where i.indrelid = cast(:live as regclass)
                              and not exists (select 1 from pg_constraint c
                                              where c.conrelid = i.indrelid and c.conindid = i.indexrelid)""")
                    .param("live", live(table)).query(String.class).list();
            for (String definition : definitions) {
                Matcher on = Pattern.compile(" ON (public\\.)?" + Pattern.quote(table) + " ").matcher(definition);
                if (!on.find()) throw new IllegalStateException("unexpected index definition: " + definition);
                execute(on.replaceFirst(" ON " + shadow(table) + " "));
            }
            execute("analyze " + shadow(table));
        }
    }

    /** In the caller's transaction: the live tables are dropped and the copies take their place. */
    void swap(Collection<String> tables) {
        for (String table : tables) {
            execute("drop table " + live(table));
            execute("alter table " + shadow(table) + " set schema " + LIVE);
        }
    }

    void drop() {
        execute("drop schema if exists " + NAME + " cascade");
    }

    /** Storage parameters, row-level security with its policies, and grants: LIKE copies none of them. */
    private void copySecurityAndStorage(String table) {
        List<String> statements = new ArrayList<>();
        jdbc.sql("""
                        select relrowsecurity, relforcerowsecurity, array_to_string(reloptions, ', ')
                        from pg_class where oid = cast(:live as regclass)""")
                .param("live", live(table))
                .query(row -> {
                    if (row.getString(3) != null) statements.add("alter table " + shadow(table) + " set (" + row.getString(3) + ")");
                    if (row.getBoolean(1)) statements.add("alter table " + shadow(table) + " enable row level security");
                    if (row.getBoolean(2)) statements.add("alter table " + shadow(table) + " force row level security");
                });
        // the expressions are deparsed under the default search_path, so their names resolve as in the original
        statements.addAll(jdbc.sql("""
                        select format('create policy %I on %s as %s for %s to %s', policyname, :shadow, permissive, cmd,
                                      (select string_agg(case when r = 'public' then 'public' else quote_ident(r) end, ', ')
                                       from unnest(roles) r))
                               || coalesce(' using (' || qual || ')', '')
                               || coalesce(' with check (' || with_check || ')', '')
                        from pg_policies where schemaname = :schema and tablename = :table""")
                .param("shadow", shadow(table)).param("schema", LIVE).param("table", table)
                .query(String.class).list());
        statements.addAll(jdbc.sql("""
                        select format('grant %s on %s to %s', a.privilege_type, :shadow,
                                      coalesce(quote_ident(r.rolname), 'public'))
                        from pg_class c cross join aclexplode(c.relacl) a left join pg_roles r on r.oid = a.grantee
                        where c.oid = cast(:live as regclass) and a.grantee <> c.relowner""")
                .param("shadow", shadow(table)).param("live", live(table))
                .query(String.class).list());
        statements.forEach(this::execute);
    }

    private void execute(String statement) {
        jdbc.sql(statement).update();
    }

    private static String live(String table) {
        return LIVE + "." + table;
    }

    private static String shadow(String table) {
        return NAME + "." + table;
    }
}
