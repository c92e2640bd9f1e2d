package com.fieldops.query;

import com.fieldops.embedded.TestInfrastructureInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole query side against real PostgreSQL and a real (in-JVM KRaft) Kafka broker. Every test class uses the
 * same configuration, so they share one cached context, one database and one broker: tests keep apart by using
 * organisations and aggregate ids of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "fieldops.jwt.secret=" + QuerySideTest.JWT_SECRET)
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureMockMvc
public @interface QuerySideTest {

    String JWT_SECRET = "query-side-test-secret-of-at-least-32-bytes";
}
