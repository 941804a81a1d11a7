// Generated from `invalidator::vocabulary` by src-tauri/tests/it/bindings.rs: do not edit.
import type { Vocabulary } from './Vocabulary';

export const VOCABULARY: Vocabulary = {
  "codes": [
    {
      "code": "queued",
      "inProgress": true,
      "failure": false,
      "countId": "count-queued"
    },
    {
      "code": "sending",
      "inProgress": true,
      "failure": false,
      "countId": "count-sending"
    },
    {
      "code": "retrying",
      "inProgress": true,
      "failure": false,
      "countId": "count-retrying"
    },
    {
      "code": "send-failed",
      "inProgress": false,
      "failure": true,
      "countId": "count-send-failed"
    },
    {
      "code": "maybe-received",
      "inProgress": false,
      "failure": true,
      "countId": "count-maybe-received"
    },
    {
      "code": "rejected",
      "inProgress": false,
      "failure": true,
      "countId": "count-rejected"
    },
    {
      "code": "gone",
      "inProgress": false,
      "failure": true,
      "countId": "count-gone"
    },
    {
      "code": "stalled",
      "inProgress": false,
      "failure": true,
      "countId": "count-stalled"
    },
    {
      "code": "received",
      "inProgress": true,
      "failure": false,
      "countId": "count-received"
    },
    {
      "code": "preparing",
      "inProgress": true,
      "failure": false,
      "countId": "count-preparing"
    },
    {
      "code": "flushing-cloudimage",
      "inProgress": true,
      "failure": false,
      "countId": "count-flushing-cloudimage"
    },
    {
      "code": "flushing-cdn",
      "inProgress": true,
      "failure": false,
      "countId": "count-flushing-cdn"
    },
    {
      "code": "done",
      "inProgress": false,
      "failure": false,
      "countId": "count-done"
    },
    {
      "code": "done-with-failures",
      "inProgress": false,
      "failure": true,
      "countId": "count-done-with-failures"
    },
    {
      "code": "error-cdn-node",
      "inProgress": false,
      "failure": true,
      "countId": "count-error-cdn-node"
    },
    {
      "code": "error",
      "inProgress": false,
      "failure": true,
      "countId": "count-error"
    },
    {
      "code": "unknown",
      "inProgress": true,
      "failure": false,
      "countId": "count-unknown"
    }
  ],
  "defaults": {
    "apiBase": "https://api.cloudimage.com",
    "batchSize": 10,
    "maxBatchSize": 15,
    "checkLimit": 50
  },
  "log": {
    "batchesPerPage": 25,
    "requestsPerBatch": 20
  }
};
