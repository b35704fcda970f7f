;; Probe of the binding's native locks: the start function and the export hold both call the host
;; import env.hold, so a thread can be parked inside an instantiation or inside a call for as long as
;; the test wants; ping touches nothing but the store.
(module
  (import "env" "hold" (func $hold))
  (func $start call $hold)
  (start $start)
  (func (export "hold") call $hold)
  (func (export "ping") (result i32) i32.const 7))
