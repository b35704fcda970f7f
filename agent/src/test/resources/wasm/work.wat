;; A guest whose calls take as long as asked: work(n) counts down from n and returns n, and traps
;; for n < 0. Fast, slow and failing calls of one export, for the tests of which calls the agent
;; keeps as events.
(module
  (func (export "work") (param $n i32) (result i32)
    (local $i i32)
    local.get $n
    i32.const 0
    i32.lt_s
    if
      unreachable
    end
    local.get $n
    local.set $i
    (block $done
      (loop $count
        local.get $i
        i32.eqz
        br_if $done
        local.get $i
        i32.const 1
        i32.sub
        local.set $i
        br $count))
    local.get $n))
