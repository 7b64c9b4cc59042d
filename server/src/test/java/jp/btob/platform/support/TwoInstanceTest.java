package jp.btob.platform.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests of two instances of the platform on one database: the test's own instance, and
 * {@link #b}, started once for the class with the default settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TwoInstanceTest extends IntegrationTest {

    /** The second instance. */
    protected SecondInstance b;

    @BeforeAll
    void startSecondInstance() {
        b = secondInstance();
    }

    @AfterAll
    void stopSecondInstance() {
        b.close();
    }
}
