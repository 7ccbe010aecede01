print("operator-api")
