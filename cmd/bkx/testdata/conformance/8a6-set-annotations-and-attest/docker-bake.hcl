target "default" { annotations = ["f=1"] }
