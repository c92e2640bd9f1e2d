package com.fieldops.query.rls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.security.CurrentUser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
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

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final TransactionTemplate transaction;

    public RlsReads(JdbcClient jdbc, ObjectMapper mapper, DataSource dataSource) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        // plain JDBC transactions on the same data source: where the app also runs the command side, the primary
        // transaction manager is JPA's, which opens an EntityManager per transaction that these reads never use
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transaction.setReadOnly(true);
        // always a transaction of its own: "set local role" inside a caller's transaction would outlive this read
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs {@code query} with {@code jdbc} inside a transaction restricted to what {@code caller} may see. */
    public <T> T as(CurrentUser caller, Function<JdbcClient, T> query) {
        String claims = claimsJson(caller);
        return transaction.execute(status -> {
            // one round trip: set_config('role', …, true) is SET LOCAL ROLE, as PostgREST does it
            jdbc.sql("select set_config('role', 'fieldops_reader', true), "
                            + "set_config('request.jwt.claims', :claims, true)")
                    .param("claims", claims).query((row, number) -> row.getString(1)).single();
            return query.apply(jdbc);
        });
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
