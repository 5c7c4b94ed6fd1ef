package io.jlvs.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * jlvsd's Logback set-up, found by Logback as a service: stderr, with -Djlvs.log.level (or
 * JLVS_LOG_LEVEL) as the level, INFO by default, and Netty at -Djlvs.netty.log.level, WARN by
 * default. Built in code rather than read from a logback.xml, because Joran's XML set-up cost
 * jlvsd's start 50-150 ms. -Dlogback.configurationFile still takes over.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(setting("jlvs.log.level", System.getenv("JLVS_LOG_LEVEL"), "INFO"), Level.INFO));
        root.addAppender(stderr);
        context.getLogger("io.netty").setLevel(Level.toLevel(setting("jlvs.netty.log.level", null, "WARN"), Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The system property, else the environment's value, else the default. */
    private static String setting(String property, String environment, String otherwise) {
        String value = System.getProperty(property);
        if (value != null) {
            return value;
        }
        return environment != null ? environment : otherwise;
    }
}
