/**
 * The benchmark: SeqLab's training steps against the same models in PyTorch ({@code bench/pytorch_peer.py}, run as a
 * subprocess) and DL4J's layers, alternating in rounds in one run; and generation speed per position. Run with
 * {@code mvn -q -Pbench -DskipTests package && java -jar bench/target/seqlab-bench.jar}; {@code bench/profile.sh}
 * shows where a step's time goes per operation.
 */
package org.seqlab.bench;
