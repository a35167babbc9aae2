target "default" {
  args = {
    FMT_Q = format("%q|%5s|%-5s|%x|%X|%o|%e|%v", "a\"b", "r", "l", 255, 255, 8, 1234.5, [1, "x"])
    FMT_PCT = format("100%% %d", 3)
    REGEXALL = join(",", regexall("[0-9]+", "a1b22c333"))
    REGEX_NAMED = regex("(?P<maj>[0-9]+)\\.(?P<min>[0-9]+)", "v1.22").min
    UPPER_UNI = upper("straße")
    TITLE2 = title("hello-world foo_bar")
    SUBSTR_NEG = substr("abcdef", -3, -1)
    SUBSTR_LONG = substr("abc", 1, 100)
    SPLIT_EMPTY = length(split(",", ""))
    JOIN_EMPTY = join("-", [])
    REPLACE_EMPTY = replace("aaa", "a", "")
    INDENT3 = indent(3, "x\ny\n")
    CHOMP2 = chomp("x\r\n\n")
    TRIMSPACE2 = trimspace("\t x \n")
    SANITIZE2 = sanitize("a.b-c d/e")
  }
}
