target "app" { args = zipmap(["a", "b"], ["1"]) }
