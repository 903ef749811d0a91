package dev.verdant.sweep;

import dev.verdant.store.TrialRecord;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The checks every killed-and-resumed sweep test makes, in one place (local and cluster executors). */
public final class ResumedSweepAssertions {

    private ResumedSweepAssertions() {
    }

    /**
     * After a resume: every one of {@code configurations} has exactly one result, and each trial that had finished
     * before the kill (trial id to run id) kept its first attempt and its run.
     *
     * @return the results by trial id
     */
    public static Map<String, List<TrialRecord>> eachConfigurationRanOnce(List<TrialRecord> trials,
                                                                          int configurations,
                                                                          Map<String, Long> finishedBeforeKill) {
        Map<String, List<TrialRecord>> results = trials.stream().filter(t -> t.status().hasResult())
                .collect(Collectors.groupingBy(TrialRecord::trialId));
        assertEquals(configurations, results.size(), "every configuration has a result: " + trials);
        results.forEach((id, list) -> assertEquals(1, list.size(), id + " has one result: " + list));
        for (Map.Entry<String, Long> before : finishedBeforeKill.entrySet()) {
            TrialRecord kept = results.get(before.getKey()).get(0);
            assertEquals(1, kept.attempt(), "a trial finished before the kill is not run again");
            assertEquals(before.getValue(), kept.runId());
        }
        return results;
    }
}
