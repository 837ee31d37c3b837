//! Action plans in public: the list, a plan's overview with progress per
//! area and measure, filters, the measure page, the yearly report and its PDF.

mod common;

use common::TestApp;

on_both_backends!(the_demo_has_three_plans,);

async fn the_demo_has_three_plans(app: TestApp) {
    let plans: Vec<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT title, state, decision_id FROM action_plans ORDER BY first_year")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(plans.len(), 3);
    assert_eq!(plans[0].1, "closed");
    assert!(plans[0].2.is_some());
    assert_eq!(plans[1].1, "following_up");
    assert!(plans[1].2.is_some());
    assert_eq!(plans[2].1, "draft");
}
