//! Behaviour: what authors, curators and stakeholders decide. The only layer with
//! randomness; every draw comes from a stream derived from (seed, replicate, account, step)
//! by [`rng`], so decisions do not depend on thread count or scheduling. It reads a
//! read-only view of the world and returns intents; the engine applies them.

pub mod rng;
