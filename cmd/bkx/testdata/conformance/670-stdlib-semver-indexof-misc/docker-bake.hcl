target "default" {
  args = {
    SEMVER = semvercmp("1.2.3", ">= 1.2.0")
    SEMVER_F = semvercmp("1.2.3", "< 1.0")
    INDEXOF = indexof(["a", "b", "c"], "c")
    STRLEN = strlen("héllo")
    REGEXALL = jsonencode(regexall("[0-9]+", "a1b22c333"))
    REGEXNAMED = jsonencode(regex("(?P<major>[0-9]+)\\.(?P<minor>[0-9]+)", "v10.20"))
    CONVERT = jsonencode(convert([1, 2], list(string)))
    FORMAT_Q = format("%q|%v|%5s|%-5s|%x", "a\"b", [1], "r", "l", 255)
    SUBSTR_NEG = substr("hello world", -5, -1)
    TITLE = title("hello-world foo_bar")
    SPLIT_EMPTY = jsonencode(split(",", ""))
    JOIN_EMPTY = join(",", [])
  }
}
