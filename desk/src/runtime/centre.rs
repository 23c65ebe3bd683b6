//! The centre worker: a small tokio runtime (two threads) with the eligibility client. Each
//! request of the flow runs as its own task and posts its answer; the card query carries
//! today's date in Japan as its 資格確認日. The client's errors are logged in its own words
//! (no personal data in them) and reach the flow as a [`CentreTrouble`].

use super::{Post, StartError};
use crate::config::Config;
use crate::flow::{CentreTrouble, Event, VisitId};
use eligibility::client::CardProof;
use eligibility::xml::{ConsentInfo, SearchInfo};
use eligibility::{Client, ClientError};
use std::sync::Arc;

pub(crate) struct CentreWorker {
    rt: tokio::runtime::Runtime,
    client: Arc<Client>,
    post: Post,
}

fn trouble(what: &'static str, e: ClientError) -> CentreTrouble {
    tracing::warn!(request = what, error = %e, "centre request failed");
    CentreTrouble::from_client(&e)
}

impl CentreWorker {
    pub(crate) fn start(cfg: &Config, post: Post) -> Result<CentreWorker, StartError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("desk-centre")
            .enable_all()
            .build()
            .map_err(StartError::Thread)?;
        let client = Client::new(cfg.centre.clone()).map_err(StartError::Centre)?;
        Ok(CentreWorker {
            rt,
            client: Arc::new(client),
            post,
        })
    }

    /// For the desk's other services: the client and the runtime it runs on.
    pub(crate) fn shared(&self) -> (Arc<Client>, tokio::runtime::Handle) {
        (self.client.clone(), self.rt.handle().clone())
    }

    pub(crate) fn nonce(&self, v: VisitId) {
        let (client, post) = (self.client.clone(), self.post.clone());
        self.rt.spawn(async move {
            let r = client.card_nonce().await.map_err(|e| trouble("nonce", e));
            post.send(Event::Nonce(v, r));
        });
    }

    pub(crate) fn query(&self, v: VisitId, proof: Box<CardProof>, consent: ConsentInfo) {
        let (client, post) = (self.client.clone(), self.post.clone());
        self.rt.spawn(async move {
            let r = client
                .check_card(&proof, &consent, Some(crate::time::today()))
                .await
                .map(Box::new)
                .map_err(|e| trouble("card query", e));
            if let Ok(e) = &r {
                tracing::info!(verdict = ?e.verdict, "centre answered");
            }
            post.send(Event::Checked(v, r));
        });
    }

    /// 保険証利用登録: with the patient's agreement only, or with the keyed numbers.
    pub(crate) fn register(
        &self,
        v: VisitId,
        proof: Box<CardProof>,
        search: Option<Box<SearchInfo>>,
    ) {
        let (client, post) = (self.client.clone(), self.post.clone());
        self.rt.spawn(async move {
            let r = match &search {
                None => client.register_card_agreed(&proof).await,
                Some(search) => client.register_card(&proof, search).await,
            };
            let r = r.map_err(|e| trouble("registration", e));
            post.send(Event::Registered(v, r));
        });
    }
}
