//! Behaviour: what authors, curators and stakeholders decide. The only layer with
//! randomness; every draw comes from a stream derived from (seed, replicate, account, step)
//! by [`rng`], so decisions do not depend on thread count or scheduling. It reads a
//! read-only [`view::WorldView`] and returns intents; the engine applies them.

pub mod bid_bots;
pub mod community;
pub mod curator;
pub mod envy;
pub mod norms;
pub mod plan;
pub mod population;
pub mod ranks;
pub mod rng;
pub mod social;
pub mod trail;
pub mod view;
