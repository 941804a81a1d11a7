// Generated from `invalidator::vocabulary` by src-tauri/tests/it/bindings.rs: do not edit.
import type { Vocabulary } from './Vocabulary';

export const VOCABULARY: Vocabulary = {
  "codes": [
    {
      "code": "queued",
      "inProgress": true,
      "failure": false,
      "word": "queued"
    },
    {
      "code": "sending",
      "inProgress": true,
      "failure": false,
      "word": "sending"
    },
    {
      "code": "retrying",
      "inProgress": true,
      "failure": false,
      "word": "retrying"
    },
    {
      "code": "send-failed",
      "inProgress": false,
      "failure": true,
      "word": "send failed"
    },
    {
      "code": "maybe-received",
      "inProgress": false,
      "failure": true,
      "word": "may have been received"
    },
    {
      "code": "rejected",
      "inProgress": false,
      "failure": true,
      "word": "rejected"
    },
    {
      "code": "gone",
      "inProgress": false,
      "failure": true,
      "word": "unknown to the service"
    },
    {
      "code": "stalled",
      "inProgress": false,
      "failure": true,
      "word": "stalled"
    },
    {
      "code": "received",
      "inProgress": true,
      "failure": false,
      "word": "received"
    },
    {
      "code": "preparing",
      "inProgress": true,
      "failure": false,
      "word": "preparing"
    },
    {
      "code": "flushing-cloudimage",
      "inProgress": true,
      "failure": false,
      "word": "flushing Scaleflex servers"
    },
    {
      "code": "flushing-cdn",
      "inProgress": true,
      "failure": false,
      "word": "flushing CDN servers"
    },
    {
      "code": "done",
      "inProgress": false,
      "failure": false,
      "word": "done"
    },
    {
      "code": "done-with-failures",
      "inProgress": false,
      "failure": true,
      "word": "done with failures"
    },
    {
      "code": "error-cdn-node",
      "inProgress": false,
      "failure": true,
      "word": "error in the CDN step"
    },
    {
      "code": "error",
      "inProgress": false,
      "failure": true,
      "word": "error"
    },
    {
      "code": "unknown",
      "inProgress": true,
      "failure": false,
      "word": "unknown status"
    }
  ],
  "defaults": {
    "apiBase": "https://api.cloudimage.com",
    "batchSize": 10,
    "maxBatchSize": 15,
    "checkLimit": 50
  }
};
