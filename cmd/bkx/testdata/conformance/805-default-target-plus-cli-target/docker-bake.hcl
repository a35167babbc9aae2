target "default" { tags = ["d"] }
target "other" { tags = ["o"] }
