//! Function models: functions that behave like a memory copy, whose effect on
//! shadow the pass applies at every call site instead of instrumenting them.
//! (Loading from annotations and TOML files is added with the models feature.)

use std::collections::HashMap;

/// What a modelled function does to memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    MemcpyLike,
    CopyOut,
    CopyIn,
}

/// How the number of transferred bytes follows from the return value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ret {
    None,
    Remaining,
    Copied,
}

/// One function's model; indices are 0-based parameter positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub effect: Effect,
    pub dst: Option<u32>,
    pub src: Option<u32>,
    pub len: u32,
    pub ret: Ret,
}

/// All models known while instrumenting one module, by function name.
#[derive(Default, Debug)]
pub struct Models {
    by_name: HashMap<String, Model>,
}

impl Models {
    pub fn get(&self, name: &str) -> Option<&Model> {
        self.by_name.get(name)
    }
}
