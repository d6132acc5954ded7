//! Group commit: one writer task per store takes every queued dossier write, runs them in one
//! transaction ([`super::batch::run`]) and answers each caller through its oneshot once the
//! transaction has committed. While a batch commits (one fsync), the next one queues, so the
//! cost of a durable commit is shared by every action of a batch.

use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot};

use super::batch::{self, Outcome};
use super::request::Request;
use crate::{Store, StoreError};

/// The most requests in one transaction.
pub(crate) const MAX_BATCH: usize = 512;

/// Requests waiting for the writer before callers wait to enqueue.
const QUEUE: usize = 8_192;

struct Job {
    req: Request,
    reply: oneshot::Sender<Outcome>,
}

/// A handle to a running writer task.
#[derive(Clone)]
pub(crate) struct GroupWriter {
    jobs: mpsc::Sender<Job>,
}

/// The store's writer, started on first use in the caller's runtime (and again if that
/// runtime has gone).
#[derive(Clone, Default)]
pub(crate) struct WriterSlot(Arc<Mutex<Option<GroupWriter>>>);

impl WriterSlot {
    /// The running writer, started if needed; `None` outside a tokio runtime.
    pub(crate) fn sender(&self, store: &Store) -> Option<GroupWriter> {
        let handle = tokio::runtime::Handle::try_current().ok()?;
        let mut slot = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(w) = slot.as_ref().filter(|w| !w.jobs.is_closed()) {
            return Some(w.clone());
        }
        let (jobs, rx) = mpsc::channel(QUEUE);
        // The task holds a store without this slot, so that dropping the last handle closes
        // the queue and ends the task.
        let detached = Store {
            pool: store.pool.clone(),
            backend: store.backend,
            writer: store.writer.clone(),
            group: WriterSlot::default(),
        };
        handle.spawn(run(detached, rx));
        let writer = GroupWriter { jobs };
        *slot = Some(writer.clone());
        Some(writer)
    }
}

impl GroupWriter {
    /// Queues `req` and waits until its batch has committed.
    pub(crate) async fn submit(&self, store: &Store, req: Request) -> Outcome {
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError(job)) = self.jobs.send(Job { req, reply }).await {
            return batch::run_one(store, job.req).await;
        }
        answer.await.unwrap_or_else(|_| {
            Err(
                StoreError::Unreachable("the dossier writer stopped before answering".into())
                    .into(),
            )
        })
    }
}

async fn run(store: Store, mut rx: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        // Callers answered by the last batch may be about to send their next action: let them
        // run once before the batch closes (measured: larger batches at 8 clients).
        tokio::task::yield_now().await;
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        process(&store, std::mem::take(&mut jobs)).await;
    }
}

/// Runs a batch; if the database fails it, runs each request alone so that one bad request
/// cannot fail the others.
async fn process(store: &Store, jobs: Vec<Job>) {
    let (reqs, replies): (Vec<Request>, Vec<oneshot::Sender<Outcome>>) =
        jobs.into_iter().map(|j| (j.req, j.reply)).unzip();
    match batch::run(store, &reqs).await {
        Ok(outcomes) => {
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                let _ = reply.send(outcome);
            }
        }
        Err(e) if reqs.len() == 1 => {
            if let Some(reply) = replies.into_iter().next() {
                let _ = reply.send(Err(e.into()));
            }
        }
        Err(_) => {
            tracing::warn!(
                batch = reqs.len(),
                "dossier batch failed; retrying one by one"
            );
            for (req, reply) in reqs.into_iter().zip(replies) {
                let _ = reply.send(batch::run_one(store, req).await);
            }
        }
    }
}
