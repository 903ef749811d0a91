package dev.verdant.app.lessons;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lesson panel's plain text: paragraphs reflowed, list items kept on their own lines. */
class LessonTextTest {

    @Test
    void paragraphsAreJoinedAndListsKept() {
        String md = "# Title\n\nPapers report *accuracy*; the energy\nspent goes **unreported**.\n\n"
                + "Things to notice:\n- the first\n  point\n- the second\n\n1. one\n2. two\n";
        assertEquals("Papers report accuracy; the energy spent goes unreported.\n\n"
                + "Things to notice:\n- the first point\n- the second\n\n1. one\n2. two", LessonsView.plain(md));
    }
}
