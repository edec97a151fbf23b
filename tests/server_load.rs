//! Many simultaneous streams through the broker against the fake upstream: every one must
//! complete, byte for byte what the upstream sent.

mod support;

use std::time::Duration;

use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_simultaneous_streams_all_complete_and_correct() {
    let fake =
        castmatch_fake_anthropic::FakeUpstream::start_with(castmatch_fake_anthropic::FakeOptions {
            delta_delay: Duration::from_millis(5),
            ..Default::default()
        })
        .await
        .unwrap();
    let server = castmatch_server::start(config(&fake)).await.unwrap();
    let expected = text(post_direct(&fake, &request("tool_use", true)).await).await;
    let client = client();
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let client = client.clone();
            let url = url(&server, "/v1/messages");
            tokio::spawn(async move {
                let response = client
                    .post(url)
                    .json_body(&request("tool_use", true))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 200);
                text(response).await
            })
        })
        .collect();
    let mut peak = 0;
    for task in tasks {
        peak = peak.max(server.state().metrics.active_streams());
        assert_eq!(task.await.unwrap(), expected);
    }
    assert!(peak > 1, "streams overlapped");
    assert_eq!(fake.attempts(), 201);
    assert_eq!(fake.completed_streams(), 201);
    assert_eq!(fake.aborted_streams(), 0);
    assert!(
        eventually(Duration::from_secs(1), || server
            .state()
            .metrics
            .active_streams()
            == 0)
        .await
    );
}
