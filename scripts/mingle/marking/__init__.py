"""Marking answers, shared by `mingle grade`, the room and the exports: answer sheets, the grader, its reports."""
