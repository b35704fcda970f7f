;; Calls back into Java: the import env.double is a host function.
(module
  (import "env" "double" (func $double (param i32) (result i32)))
  (func (export "double_plus_one") (param i32) (result i32)
    local.get 0
    call $double
    i32.const 1
    i32.add))
