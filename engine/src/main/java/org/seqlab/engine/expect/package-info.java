/**
 * What a lesson's scene claims, as statements measured on the real models: an {@link org.seqlab.engine.expect.Expectation}
 * ({@code bits(B) < bits(A) - 0.3}) compares expressions over {@link org.seqlab.engine.expect.Measure}s; a
 * {@link org.seqlab.engine.expect.Point} is a scene's sentence with its expectations; {@link org.seqlab.engine.expect.SessionMeasures}
 * makes each measurement on a training session's models, and {@link org.seqlab.engine.expect.PointHistory} replays it at
 * every checkpoint to say from which step the point held. The lab's reader and {@code check-lessons} both measure
 * through {@link org.seqlab.engine.expect.Measured#of}, so the ✓ a learner sees and the check agree.
 */
package org.seqlab.engine.expect;
