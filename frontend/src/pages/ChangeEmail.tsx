import { TokenAction } from '../components/TokenAction';

export default function ChangeEmail(props: { params: { token: string } }) {
  return (
    <TokenAction
      token={props.params.token}
      endpoint="/auth/confirm-email"
      keys={{
        title: 'auth.changeEmail.title',
        working: 'auth.changeEmail.working',
        done: 'auth.changeEmail.done',
        invalid: 'auth.changeEmail.invalid',
      }}
    />
  );
}
