/** JMH benchmarks; run them with bench/jmh. */
package io.jlvs.bench;
