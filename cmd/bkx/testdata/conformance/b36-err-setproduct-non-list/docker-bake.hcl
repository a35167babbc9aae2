target "app" { tags = [for p in setproduct("a", ["b"]) : join("-", p)] }
