//! The sandbox's tests, one binary: it follows the documented API, keeps its jobs, moves
//! statuses on its clock, takes faults, and answers only its own clients.

mod sandbox;
