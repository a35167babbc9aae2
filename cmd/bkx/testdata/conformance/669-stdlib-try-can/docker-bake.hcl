variable "M" { default = { a = "1" } }
target "default" {
  args = {
    TRY_MISSING = try(M.b, "fallback")
    TRY_OK = try(M.a, "fallback")
    CAN_MISSING = can(M.b)
    CAN_OK = can(M.a)
    TRY_INT = try(parseint("zz", 10), -1)
  }
}
