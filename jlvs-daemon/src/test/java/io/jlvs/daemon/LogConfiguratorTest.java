package io.jlvs.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LogConfiguratorTest {
    @Test
    void logbackFindsItAsAService() {
        assertTrue(ServiceLoader.load(Configurator.class).stream()
                .anyMatch(provider -> provider.type() == LogConfigurator.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void linesGoToStderrWithTimeLevelAndLoggerName() {
        LoggerContext context = configured();
        Logger jlvsd = context.getLogger("io.jlvs.daemon.Jlvsd");
        ConsoleAppender<ILoggingEvent> stderr =
                (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertEquals("System.err", stderr.getTarget());
        byte[] encoded = stderr.getEncoder().encode(
                new LoggingEvent(Logger.class.getName(), jlvsd, Level.INFO, "jlvsd {}", null, new Object[] {"stopped"}));
        String line = new String(encoded, StandardCharsets.UTF_8);
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Jlvsd: jlvsd stopped\n"), line);
    }

    @Test
    void levelsComeFromTheSystemProperties() {
        System.setProperty("jlvs.log.level", "DEBUG");
        System.setProperty("jlvs.netty.log.level", "ERROR");
        try {
            LoggerContext context = configured();
            assertEquals(Level.DEBUG, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
            assertEquals(Level.ERROR, context.getLogger("io.netty").getLevel());
        } finally {
            System.clearProperty("jlvs.log.level");
            System.clearProperty("jlvs.netty.log.level");
        }
    }

    @Test
    void infoAndNettyAtWarnByDefault() {
        LoggerContext context = configured();
        Level expected = System.getenv("JLVS_LOG_LEVEL") == null ? Level.INFO
                : Level.toLevel(System.getenv("JLVS_LOG_LEVEL"), Level.INFO);
        assertEquals(expected, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
    }

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));
        return context;
    }
}
