package org.seqlab.engine.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statements a scene's point is measured by: parsed with clear errors, evaluated exactly. */
class ExpectationTest {

    /** Fixed measurements by name, as a session would give them. */
    private static final Map<String, Double> VALUES = Map.of("bits(A)", 0.32, "bits(B)", 0.18, "floor()", 0.17,
            "grad_ratio(A, 20)", 1e-7, "grad_ratio(B, 20)", 0.02);

    private static double measure(MeasureCall c) {
        Double v = VALUES.get(c.toString());
        if (v == null) {
            throw new IllegalArgumentException("no " + c);
        }
        return v;
    }

    @Test
    void comparisonsOfArithmeticOnMeasurementsAreEvaluatedExactly() {
        Expectation e = Expectation.parse("bits(B) < floor() + 0.03");
        Expectation.Result r = e.evaluate(ExpectationTest::measure);
        assertThat(r.met()).isTrue();
        assertThat(r.left()).isEqualTo(0.18);
        assertThat(r.right()).isCloseTo(0.20, within(1e-12));
        assertThat(r.values()).containsOnlyKeys("bits(B)", "floor()");

        assertThat(Expectation.parse("bits(A) - floor() > 2 * (bits(B) - floor()) + 0.1").evaluate(ExpectationTest::measure).met()).isTrue();
        assertThat(Expectation.parse("bits(A) <= bits(B)").evaluate(ExpectationTest::measure).met()).isFalse();
        assertThat(Expectation.parse("grad_ratio(A, 20) < grad_ratio(B,20) / 1000").evaluate(ExpectationTest::measure).met()).isTrue();
        assertThat(Expectation.parse("-bits(A) >= -0.32").evaluate(ExpectationTest::measure).met()).isTrue();
        assertThat(Expectation.parse("bits(A) > 1e-1").calls()).extracting(Object::toString).containsExactly("bits(A)");
    }

    @Test
    void aPointIsMadeOnlyWhenEveryCheckHoldsAndSaysWhatItMeasured() {
        Point p = new Point("The LSTM reaches the floor; the RNN stays above it",
                java.util.List.of(Expectation.parse("bits(B) < floor() + 0.03"), Expectation.parse("bits(A) > floor() + 0.1")));
        Point.Verdict v = p.evaluate(ExpectationTest::measure);
        assertThat(v.met()).isTrue();
        assertThat(v.text()).isEqualTo("✓ The LSTM reaches the floor; the RNN stays above it (bits(B) = 0.180, floor() = 0.170, bits(A) = 0.320)");
        assertThat(v.spoken()).isEqualTo("✓ The LSTM reaches the floor; the RNN stays above it (measured: B's bits per symbol 0.180, "
                + "the entropy floor 0.170, A's bits per symbol 0.320)");

        Point q = new Point("The RNN keeps its gradient", java.util.List.of(Expectation.parse("grad_ratio(A, 20) > 0.01")));
        assertThat(q.evaluate(ExpectationTest::measure).text()).startsWith("✗ Not shown yet").contains("grad_ratio(A, 20) = 1.00e-07")
                .endsWith("needs grad_ratio(A, 20) > 0.01");
    }

    @Test
    void everyMeasurementReadsBackFromHowItIsWrittenAndHasWordsForALearner() {
        for (Measure m : Measure.values()) {
            List<Integer> args = m.numbers() == 0 ? List.of() : m.numbers() == 1 ? List.of(16) : List.of(1, 2);
            MeasureCall call = new MeasureCall(m, m.model() ? "B" : null, args);
            assertThat(MeasureCall.of(call.toString())).as(call.toString()).isEqualTo(call);
            // words, not the notation: no parentheses, the model named, every number said
            assertThat(call.spoken()).as(call.toString()).doesNotContain("(" + (m.model() ? "B" : ")")).doesNotContain(m.id() + "(");
            assertThat(call.spoken()).as(call.toString()).contains(m.model() ? "B's" : "the ");
            args.forEach(a -> assertThat(call.spoken()).as(call.toString()).contains(String.valueOf(a)));
        }
        assertThat(MeasureCall.of("loss(A)")).isNull();
        assertThat(MeasureCall.of("bits(A) + 1")).isNull();
    }

    @Test
    void mistakesAreNamedWithWhereTheyAre() {
        assertThatThrownBy(() -> Expectation.parse("bits(A) = 0.3")).hasMessageContaining("expected a comparison");
        assertThatThrownBy(() -> Expectation.parse("loss(A) < 1")).hasMessageContaining("unknown measurement 'loss'")
                .hasMessageContaining("bits, floor");
        assertThatThrownBy(() -> Expectation.parse("bits(E) < 1")).hasMessageContaining("model's letter");
        assertThatThrownBy(() -> Expectation.parse("grad_ratio(A) < 1")).hasMessageContaining("write grad_ratio(A, k)");
        assertThatThrownBy(() -> Expectation.parse("bits(A) < 1 2")).hasMessageContaining("at character");
        assertThatThrownBy(() -> Expectation.parse("")).hasMessageContaining("empty");
    }
}
