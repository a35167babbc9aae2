target "a1" { tags = ["a1"] }
target "a2" { tags = ["a2"] }
target "ab" { tags = ["ab"] }
target "a-" { tags = ["a-"] }
