//! Papers, grading and coverage (seed 二(三)11).

use super::{d, pack, uscc, B};
use crate::workflows::exam::{assemble, coverage, grade};
use std::collections::BTreeSet;
use zhongjie_core::workflows::{parse_answers, Blueprint, Paper, QuestionBank};
use zhongjie_core::{EvaluatorLevel, Exam};

fn bank() -> QuestionBank {
    let mut s = String::from("question_id,category,level,question,options,answer\n");
    for i in 0..20 {
        s.push_str(&format!("L{i:02},law,basic,法规题{i},甲;乙;丙;丁,A\n"));
    }
    for i in 0..6 {
        s.push_str(&format!(
            "T{i:02},technique,advanced,技术题{i},甲;乙;丙,BC\n"
        ));
    }
    QuestionBank::parse(&s, 8).unwrap()
}

const BP: &str = "exam_id = \"E1\"\n[[section]]\ncategory = \"law\"\nlevel = \"basic\"\ncount = 8\n\n[[section]]\ncategory = \"technique\"\nlevel = \"advanced\"\ncount = 2\npoints = 2\n";

#[test]
fn papers_follow_the_blueprint_without_repeats_and_are_reproducible() {
    let bp = Blueprint::parse(BP).unwrap();
    let a = assemble(&bank(), &bp, 42).unwrap();
    assert_eq!(a, assemble(&bank(), &bp, 42).unwrap());
    assert_eq!(a.items.len(), 10);
    assert_eq!(a.total_points(), 12);
    let ids: BTreeSet<&str> = a.items.iter().map(|i| i.question.as_str()).collect();
    assert_eq!(ids.len(), 10);
    assert!(a.items[..8]
        .iter()
        .all(|i| i.question.as_str().starts_with('L')));
    assert!(a.items[8..]
        .iter()
        .all(|i| i.question.as_str().starts_with('T') && i.points == 2));
    let positions: Vec<u32> = a.items.iter().map(|i| i.position).collect();
    assert_eq!(positions, (1..=10).collect::<Vec<_>>());
    // The written paper reads back the same.
    assert_eq!(Paper::parse(&a.to_csv()).unwrap(), a);
    // Some seed gives another draw (the generator is used, not ignored).
    assert!((0..20).any(|s| assemble(&bank(), &bp, s).unwrap() != a));
}

#[test]
fn a_blueprint_asking_more_than_the_bank_holds_is_refused() {
    let bp = Blueprint::parse(&BP.replace("count = 2\n", "count = 7\n")).unwrap();
    let e = assemble(&bank(), &bp, 1).unwrap_err();
    assert_eq!(e.code(), "insufficient_questions");
    assert!(e.to_string().contains("需要 7 题，题库只有 6 题"), "{e}");
}

#[test]
fn grading_is_exact_match_with_half_up_scores_and_the_pass_edge() {
    // Paper: L00 (1 point), L01 (1), T00 (2 points) → total 4... use a hand-made paper.
    let paper = Paper::parse(
        "exam_id,position,question_id,category,level,points\nE1,1,L00,law,basic,1\nE1,2,L01,law,basic,1\nE1,3,T00,technique,advanced,1\n",
    )
    .unwrap();
    let answers = parse_answers(
        "practitioner_id,question_id,answer\nP1,L00,A\nP1,L01,A\nP1,T00,CB\nP2,L00,A\nP2,L01,A\nP2,T00,B\nP3,L00,A\nP3,L01,\n",
    )
    .unwrap();
    let r = grade(&bank(), &paper, &answers, d("2024-11-20"), pack()).unwrap();
    let got: Vec<(&str, u8, bool)> = r
        .results
        .iter()
        .map(|x| (x.practitioner_id.as_str(), x.score, x.passed))
        .collect();
    // 3/3 = 100; 2/3 = 66.67 → 67 (partial multiple choice is wrong); 1/3 = 33.33 → 33.
    assert_eq!(
        got,
        [("P1", 100, true), ("P2", 67, true), ("P3", 33, false)]
    );
    assert_eq!(r.results[1].wrong[0].as_str(), "T00");
    assert_eq!(r.results[2].unanswered.len(), 2);
    assert_eq!(
        r.exams_csv(),
        "practitioner_id,exam_id,taken_on,score\nP1,E1,2024-11-20,100\nP2,E1,2024-11-20,67\nP3,E1,2024-11-20,33\n"
    );
    // Pass edge: 3/5 = 60 passes, 59 would not (pass mark 60).
    let five = Paper::parse("exam_id,position,question_id,category,level,points\nE2,1,L00,law,basic,1\nE2,2,L01,law,basic,1\nE2,3,L02,law,basic,1\nE2,4,L03,law,basic,1\nE2,5,L04,law,basic,1\n").unwrap();
    let a = parse_answers(
        "practitioner_id,question_id,answer\nP1,L00,A\nP1,L01,A\nP1,L02,A\nP1,L03,B\n",
    )
    .unwrap();
    let r = grade(&bank(), &five, &a, d("2024-11-20"), pack()).unwrap();
    assert_eq!((r.results[0].score, r.results[0].passed), (60, true));
}

#[test]
fn an_answer_to_a_question_not_on_the_paper_is_an_error_at_its_line() {
    let paper =
        Paper::parse("exam_id,position,question_id,category,level,points\nE1,1,L00,law,basic,1\n")
            .unwrap();
    let answers =
        parse_answers("practitioner_id,question_id,answer\nP1,L00,A\nP1,L05,A\n").unwrap();
    match grade(&bank(), &paper, &answers, d("2024-11-20"), pack()).unwrap_err() {
        crate::workflows::WorkflowError::Input(e) => {
            assert_eq!((e[0].line, e[0].code), (3, "not_on_paper"));
        }
        other => panic!("{other:?}"),
    }
}

fn exam(p: &str, id: &str, on: &str, score: u8) -> Exam {
    Exam {
        practitioner: p.parse().unwrap(),
        exam: id.parse().unwrap(),
        taken_on: d(on),
        score,
    }
}

#[test]
fn coverage_pass_rate_warning_and_expert_pool() {
    let mut b = B::default();
    b.agency("A", 1, None, &[]);
    b.agency("C", 2, None, &[]);
    for i in 0..5u32 {
        b.person(
            &format!("A{i}"),
            i + 1,
            "A",
            Some(EvaluatorLevel::Two),
            false,
            uscc(1),
            &[],
        );
        b.person(
            &format!("C{i}"),
            i + 11,
            "C",
            Some(EvaluatorLevel::Two),
            false,
            uscc(2),
            &[],
        );
    }
    b.t.practitioners[2].expert_pool = true; // A1
    b.t.exams = vec![
        exam("A0", "E1", "2024-11-01", 90),
        exam("A1", "E1", "2024-11-01", 59),
        exam("A2", "E1", "2024-11-01", 60),
        // An exam before the period does not count: A3 is untested.
        exam("A3", "E0", "2023-11-01", 95),
        // The latest counts: A4 failed then passed.
        exam("A4", "E1", "2024-11-01", 40),
        exam("A4", "E2", "2024-11-20", 75),
        // C: 4 of 5 pass = 80 %, exactly the bar.
        exam("C0", "E1", "2024-11-01", 60),
        exam("C1", "E1", "2024-11-01", 60),
        exam("C2", "E1", "2024-11-01", 60),
        exam("C3", "E1", "2024-11-01", 60),
        exam("C4", "E1", "2024-11-01", 10),
        // After the deadline: ignored.
        exam("A3", "E3", "2024-12-01", 100),
    ];
    let c = coverage(&b.build(), Some(d("2024-06-17")), d("2024-11-30"), pack()).unwrap();
    let a = &c.agencies[0];
    assert_eq!((a.professionals, a.tested, a.passed), (5, 4, 3));
    assert_eq!(a.pass_rate_percent, Some("60.0".parse().unwrap()));
    assert!(a.warning);
    assert_eq!(a.untested[0].as_str(), "A3");
    assert_eq!(a.failed[0].as_str(), "A1");
    let cc = &c.agencies[1];
    assert_eq!((cc.passed, cc.warning), (4, false));
    assert_eq!(c.pool_removals.len(), 1);
    assert_eq!(c.pool_removals[0].practitioner_id.as_str(), "A1");
    assert_eq!(c.untested_total(), 1);
    let text = c.to_text();
    assert!(
        text.contains("通报警示") && text.contains("尚未实现测试全覆盖"),
        "{text}"
    );
    assert!(c.rules.iter().any(|r| r.id == "EXPERT_POOL_REMOVAL"));
    assert_eq!(
        coverage(&b.build(), Some(d("2024-12-01")), d("2024-11-30"), pack())
            .unwrap_err()
            .code(),
        "bad_period"
    );
}
