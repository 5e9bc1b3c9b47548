package org.seqlab.engine.data.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tasks are data: exact references, seeded held-out splits, and batches that padding cannot change. */
class TasksTest {

    @Test
    void referencesAreExact() {
        assertThat(Task.REVERSE.reference("abcz")).isEqualTo("zcba");
        assertThat(Task.SORT.reference("dbca")).isEqualTo("abcd");
        assertThat(Task.COPY.reference("qq")).isEqualTo("qq");
        assertThat(List.of(0, 13, 21, 40, 100, 105, 999, 1000, 2021, 70_000, 999_999).stream().map(NumberWords::of).toList()).containsExactly(
                "zero", "thirteen", "twenty-one", "forty", "one hundred", "one hundred five", "nine hundred ninety-nine", "one thousand",
                "two thousand twenty-one", "seventy thousand", "nine hundred ninety-nine thousand nine hundred ninety-nine");
        LocalDate d = LocalDate.of(1999, 11, 3);
        for (int form = 0; form < Task.Dates.FORMS; form++) {
            String s = Task.Dates.format(d, form);
            assertThat(Task.DATES.reference(s)).as(s).isEqualTo("1999-11-03");
            assertThat(Task.DATES.alphabet().chars().boxed().toList()).as(s).containsAll(s.chars().boxed().toList());
        }
        assertThat(Task.Dates.format(d, 0)).isEqualTo("Nov 3, 1999");
        assertThat(Task.Dates.format(d, 1)).isEqualTo("3 November 1999");
        assertThat(Task.Dates.format(d, 5)).isEqualTo("Wednesday, November 3, 1999");
        assertThatThrownBy(() -> Task.parse("task:translate")).hasMessageContaining("task:reverse");
    }

    @Test
    void splitsAreSeededHeldOutAndTheLongSplitIsLonger() {
        for (Task task : Task.values()) {
            TaskData a = TaskData.generate(task, 3, 2000, 100);
            assertThat(TaskData.generate(task, 3, 2000, 100)).as("the same seed, the same data").isEqualTo(a);
            assertThat(a.train()).hasSize(2000);
            assertThat(a.validation()).hasSize(100);
            Set<String> trained = new HashSet<>();
            a.train().forEach(p -> trained.add(p.source()));
            int longestTrained = a.train().stream().mapToInt(p -> p.source().length()).max().orElseThrow();
            for (Pair p : a.validation()) {
                assertThat(p.target()).isEqualTo(task.reference(p.source()));
                assertThat(trained).as(task + ": held out").doesNotContain(p.source());
            }
            assertThat(a.test()).allSatisfy(p -> assertThat(trained).as(task + ": held out").doesNotContain(p.source()));
            assertThat(a.longer()).allSatisfy(p -> assertThat(p.source().length()).as(task + " long split").isGreaterThan(longestTrained));
            assertThat(a.train()).allSatisfy(p -> Seq2SeqVocab.of(task).encode(p.source() + p.target()));
        }
    }

    /** Each split measures what its name says: numbers of every length held out, dates of every form trained on. */
    @Test
    void heldOutNumbersHaveEveryLengthAndDatesTrainOnEveryForm() {
        TaskData numbers = TaskData.generate(Task.NUMBERS, 1);
        java.util.Map<Integer, Long> byDigits = numbers.validation().stream()
                .collect(java.util.stream.Collectors.groupingBy(p -> p.source().length(), java.util.stream.Collectors.counting()));
        assertThat(byDigits.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(byDigits.get(3) + byDigits.get(2) + byDigits.get(1)).as("under four digits").isGreaterThanOrEqualTo(100);
        assertThat(numbers.train().stream().filter(p -> p.source().length() == 1).map(Pair::source).distinct().count())
                .as("most one-digit numbers still train").isGreaterThanOrEqualTo(8);

        TaskData dates = TaskData.generate(Task.DATES, 1);
        Set<String> trainedForms = new HashSet<>();
        dates.train().forEach(p -> trainedForms.add(Task.DATES.form(p.source())));
        assertThat(trainedForms).hasSize(7).doesNotContain("other");
        Set<String> longForms = new HashSet<>();
        dates.longer().forEach(p -> longForms.add(Task.DATES.form(p.source())));
        assertThat(trainedForms).as("the long split's forms were all trained on").containsAll(longForms);

        assertThatThrownBy(() -> Task.DATES.reference("31.2.2000")).hasMessage(
                "'31.2.2000' is not a date the dates task writes (1950 to 2049, in forms like 'Nov 3, 1999', '3 November 1999' or '3.11.1999')");
        assertThatThrownBy(() -> Task.DATES.reference("a  b c")).hasMessageContaining("is not a date the dates task writes");
        assertThatThrownBy(() -> Task.NUMBERS.reference("99999999999")).hasMessageContaining("from 0 to 999,999");
    }

    @Test
    void aBatchIsTeacherForcedAndRefusesSourcesThatPaddingWouldChange() {
        Seq2SeqVocab v = new Seq2SeqVocab("ab");
        PairBatch b = PairBatch.of(List.of(new Pair("ab", "ba"), new Pair("bb", "b")), v);
        int a = v.id('a');
        int bb = v.id('b');
        assertThat(b.source()).containsExactly(a, bb, bb, bb);              // time-major: step 0, then step 1
        assertThat(b.targetIn()).containsExactly(Seq2SeqVocab.BOS, Seq2SeqVocab.BOS, bb, bb, a, Seq2SeqVocab.PAD);
        assertThat(b.targets()).containsExactly(bb, bb, a, Seq2SeqVocab.EOS, Seq2SeqVocab.EOS, -1);
        assertThat(b.targetTokens()).isEqualTo(5);
        assertThatThrownBy(() -> PairBatch.of(List.of(new Pair("ab", "ba"), new Pair("b", "b")), v))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sources of 2 and 1 symbols cannot share a batch");
    }

    /** Targets of different lengths share a batch exactly: each pair's losses and gradient are those it has alone (double precision). */
}
