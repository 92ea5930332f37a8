package io.changeflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The app as most test classes share it: one application context (on a random port, with MockMvc, the demo users and
 * the in-memory H2 database of application-test.yaml) that Spring starts once for all of them. Every class on it finds
 * only what it created itself, by its change id or its task id, never "the first one" or a count of everything. A
 * class that needs other settings or an empty database declares a context of its own and says why.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "demo" })
public @interface AppTest {

}
