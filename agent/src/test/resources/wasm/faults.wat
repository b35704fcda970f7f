;; Guests that fail: a trap, a division by zero, and a loop that only an epoch deadline stops.
(module
  (func (export "unreachable")
    unreachable)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)
  (func (export "spin")
    (loop $forever
      br $forever)))
