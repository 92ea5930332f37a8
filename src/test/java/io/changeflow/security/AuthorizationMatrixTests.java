package io.changeflow.security;

import io.changeflow.AppTest;

/** The role × action matrix on the embedded database. */
@AppTest
class AuthorizationMatrixTests extends AuthorizationMatrixScenario {

}
