//! Regulator workflows (issue 5): entry review, complaints and rewards, penalties, exams.
