target "app" { tags = flatten(chunklist(["a", "b"], 0)) }
