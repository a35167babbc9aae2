target "default" { tags = ["from-bake"] }
