target "svc-a" { tags = ["a"] }
target "svc-b" { tags = ["b"] }
