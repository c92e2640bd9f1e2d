package com.fieldops.query.rls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.security.CurrentUser;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs reads as the caller, so PostgreSQL's row-level security policies confine the rows, not only the queries'
 * WHERE clauses: a read transaction first switches to the role {@code fieldops_reader} (no BYPASSRLS, SELECT
 * only) and publishes the caller's JWT claims as {@code request.jwt.claims}, where the policies read them through
 * {@code auth.jwt()}, the way Supabase's PostgREST does. Both settings are {@code local}, so they end with the
 * transaction and never leak to the next user of the pooled connection.
 */
@Component
public class RlsReads {

    /** set_config('role', …, true) is SET LOCAL ROLE, as PostgREST does it. */
    private static final String AS_CALLER = "select set_config('role', 'fieldops_reader', true), "
            + "set_config('request.jwt.claims', :rlsClaims, true), set_config('transaction_read_only', 'on', true)";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate statements;
    private final ObjectMapper mapper;
    private final TransactionTemplate transaction;

    public RlsReads(NamedParameterJdbcTemplate statements, ObjectMapper mapper) {
        this.jdbc = JdbcClient.create(statements);
        this.statements = statements;
        this.mapper = mapper;
        // plain JDBC transactions on the same data source: where the app also runs the command side, the primary
        // transaction manager is JPA's, which opens an EntityManager per transaction that these reads never use
        this.transaction = new TransactionTemplate(
                new DataSourceTransactionManager(statements.getJdbcTemplate().getDataSource()));
        this.transaction.setReadOnly(true);
        // always a transaction of its own: "set local role" inside a caller's transaction would outlive this read
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs {@code query} with {@code jdbc} inside a transaction restricted to what {@code caller} may see. */
    public <T> T as(CurrentUser caller, Function<JdbcClient, T> query) {
        String claims = claimsJson(caller);
        return transaction.execute(status -> {
            jdbc.sql(AS_CALLER).param("rlsClaims", claims).query((row, number) -> row.getString(1)).single();
            return query.apply(jdbc);
        });
    }

    /**
     * One statement as the caller, in one round trip instead of the three of a transaction (begin with the settings,
     * the statement, commit): the settings go in a statement sent together with it, and PostgreSQL runs the
     * statements of one extended-protocol message sequence (up to its Sync) as one implicit transaction, at whose end
     * the local settings end too, also when the statement fails. Inside a caller's transaction the settings would
     * outlive this read, so there it runs as {@link #as} does.
     */
    public <T> List<T> list(CurrentUser caller, String sql, Map<String, ?> params, RowMapper<T> rows) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return as(caller, db -> db.sql(sql).params(params).query(rows).list());
        }
        Map<String, Object> withClaims = new HashMap<>(params);
        withClaims.put("rlsClaims", claimsJson(caller));
        return statements.execute(AS_CALLER + ";\n" + sql, withClaims, statement -> {
            statement.execute(); // the settings' row
            if (!statement.getMoreResults()) throw new IllegalStateException("not a query: " + sql);
            try (ResultSet result = statement.getResultSet()) {
                return new RowMapperResultSetExtractor<>(rows).extractData(result);
            }
        });
    }

    /** {@link #list} of a statement that finds at most one row. */
    public <T> Optional<T> optional(CurrentUser caller, String sql, Map<String, ?> params, RowMapper<T> rows) {
        List<T> found = list(caller, sql, params, rows);
        if (found.size() > 1) throw new IncorrectResultSizeDataAccessException(1, found.size());
        return found.stream().findFirst();
    }

    /** The claims as the JWT carried them: times as NumericDate (epoch seconds), not Jackson's ISO strings. */
    String claimsJson(CurrentUser caller) {
        Map<String, Object> claims = new LinkedHashMap<>();
        caller.claims().forEach((name, value) ->
                claims.put(name, value instanceof Instant time ? time.getEpochSecond() : value));
        try {
            return mapper.writeValueAsString(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the caller's claims", e);
        }
    }
}
