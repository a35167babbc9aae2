target "default" {
  tags = formatlist("%s:%s", ["a", "b"], "v1")
  args = {
    CHUNK = jsonencode(chunklist([1, 2, 3, 4, 5], 2))
    FLAT = jsonencode(flatten([[1], [2, [3]], []]))
    DISTINCT = join(",", distinct(["b", "a", "b"]))
    SLICE = join(",", slice(["a", "b", "c", "d"], 1, 3))
    ELEMENT = element(["a", "b"], 3)
    LOOKUP = lookup({ a = "1" }, "b", "dflt")
    ZIPMAP = jsonencode(zipmap(["k1", "k2"], [1, 2]))
    MERGE = jsonencode(merge({ a = 1 }, { b = 2 }, { a = 3 }))
    KEYS = join(",", keys({ z = 1, a = 2 }))
    VALUES = join(",", values({ z = "1", a = "2" }))
    CONTAINS = contains(["a"], "b")
    INDEX = index(["a", "b"], 1)
    RANGE = jsonencode(range(1, 10, 3))
    SETUNION = jsonencode(setunion(["a"], ["b", "a"]))
    COALESCELIST = jsonencode(coalescelist([], ["x"]))
    COMPACT = jsonencode(compact(["a", "", "b"]))
  }
}
