variable "ENV" { default = "prod" }
target "default" {
  args = {
    AND_OP = true && false
    OR_OP = false || true
    NOT_OP = !false
    TERN_NESTED = ENV == "dev" ? "d" : ENV == "prod" ? "p" : "other"
    TERN_NUM = ENV == "prod" ? 1 : 0
    EQ_LIST = [1, 2] == [1, 2]
    EQ_OBJ = { a = 1 } == { a = 1 }
    NEQ = "a" != "b"
    CAN = can(regex("^p", ENV))
    TRY = try(tonumber("x"), "fallback")
  }
}
